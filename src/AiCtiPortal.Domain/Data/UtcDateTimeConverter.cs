using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AiCtiPortal.Domain.Data;

/// <summary>Stores DateTime as UTC and reads it back marked as UTC (SQLite keeps no kind).</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value,
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
