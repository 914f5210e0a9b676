using AiCtiPortal.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("JobRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.JobName).HasMaxLength(ColumnLengths.JobName).IsRequired();

        // A user id or a word such as "schedule", so not a foreign key: the history outlives accounts.
        builder.Property(r => r.RequestedBy).HasMaxLength(ColumnLengths.UserReference).IsRequired();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(r => r.Message).HasMaxLength(ColumnLengths.Description);

        // Error (stack traces) and ParametersJson stay unbounded on purpose.
        builder.HasIndex(r => new { r.JobName, r.QueuedAt });
    }
}
