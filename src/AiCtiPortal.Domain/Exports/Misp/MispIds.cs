using AiCtiPortal.Domain.Exports.Stix;

namespace AiCtiPortal.Domain.Exports.Misp;

/// <summary>
/// MISP uuids, name-based (UUIDv5, as <see cref="StixIds"/> derives its ids) under a namespace of their own, so a
/// re-export of the same report version names the same event, objects and attributes.
/// MISP requires attribute and object uuids to be unique across a whole instance, not only within an event: an
/// indicator documented by two reports (or by two versions of one) therefore gets a different attribute uuid in each
/// event, derived from the event's uuid, or the second import would be refused as a duplicate.
/// </summary>
public static class MispIds
{
    /// <summary>Fixed forever: changing it changes every exported uuid and makes consumers see new events.</summary>
    private static readonly Guid MispNamespace = new("c0eff000-2825-44b8-bfcb-6c0840705e18");

    public static Guid Event(Guid reportId, int version) => Named($"event:{reportId:D}:{version}");

    public static Guid Object(Guid eventUuid, Guid indicatorId) => Named($"object:{eventUuid:D}:{indicatorId:D}");

    /// <summary>An indicator's attribute, or one of the attributes its object holds (<paramref name="relation"/>).</summary>
    public static Guid Attribute(Guid eventUuid, Guid indicatorId, string relation) =>
        Named($"attribute:{eventUuid:D}:{indicatorId:D}:{relation}");

    /// <summary>An attribute the event derives from the report itself (its summary, a reference), named by its content.</summary>
    public static Guid ReportAttribute(Guid eventUuid, string kind, string value) => Named($"report-attribute:{eventUuid:D}:{kind}:{value}");

    private static Guid Named(string name) => StixIds.NameBasedV5(MispNamespace, name);
}
