using System.Globalization;
using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Web.Catalogue;

namespace AiCtiPortal.Web.Api;

/// <summary>
/// The API's query parameters are the /reports and /indicators pages' parameters with the same meaning, parsed by the
/// same code (<see cref="ReportCatalogueUrl"/>, <see cref="IndicatorCatalogueUrl"/>). A page drops what it cannot
/// read, so a hand-edited link still shows something; an API client must hear that its filter was ignored, so every
/// unknown value is reported here, before the lenient parser sees the request.
/// </summary>
internal sealed class ApiQueryErrors
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public bool Any => _errors.Count > 0;

    public void EnumList<T>(string name, string? value) where T : struct, Enum
    {
        foreach (var item in UrlLists.Split(value))
        {
            if (UrlLists.Enums<T>(item).Count == 0)
            {
                _errors.Add($"{name}: \"{item}\" is not one of {string.Join(", ", Enum.GetNames<T>().Where(n => n != "None"))}.");
            }
        }
    }

    /// <summary>One enumeration name (any case, never a number); null when absent or not valid.</summary>
    public T? EnumValue<T>(string name, string? value) where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        if (System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !value.Any(char.IsDigit))
        {
            return parsed;
        }

        _errors.Add($"{name}: \"{value}\" is not one of {string.Join(", ", System.Enum.GetNames<T>())}.");
        return null;
    }

    /// <summary>true or false (any case); null when absent or not valid.</summary>
    public bool? Boolean(string name, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (bool.TryParse(value, out var parsed))
        {
            return parsed;
        }

        _errors.Add($"{name}: \"{value}\" is not valid; use true or false.");
        return null;
    }

    public void Techniques(string? value)
    {
        foreach (var item in UrlLists.Split(value))
        {
            if (item.Length > 32 || !item.All(c => char.IsLetterOrDigit(c) || c == '.'))
            {
                _errors.Add($"technique: \"{item}\" is not an ATLAS technique id such as AML.T0010.");
            }
        }
    }

    public void Check(string name, string? value, bool valid, string expected)
    {
        if (value is not null && !valid)
        {
            _errors.Add($"{name}: \"{value}\" is not valid; {expected}.");
        }
    }

    public void Sort<T>(string? value) where T : struct, Enum =>
        Check("sort", value, Enum.TryParse<T>(value, ignoreCase: true, out var s) && Enum.IsDefined(s) && !value!.Any(char.IsDigit),
            $"use one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");

    /// <summary>Checks page and pageSize and returns the page size to use: absent means the default, above the maximum is capped.</summary>
    public int Paging(string? page, string? pageSize, int defaultPageSize)
    {
        var number = 1;
        if (page is not null && !(int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0))
        {
            _errors.Add($"page: \"{page}\" is not valid; pages are numbered from 1.");
            number = 1;
        }

        var size = defaultPageSize;
        if (pageSize is not null)
        {
            if (int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size > 0)
            {
                size = Math.Min(size, CatalogueQuery.MaxPageSize);
            }
            else
            {
                _errors.Add($"pageSize: \"{pageSize}\" is not valid; use 1 to {CatalogueQuery.MaxPageSize}.");
                size = defaultPageSize;
            }
        }

        if ((long)(number - 1) * size >= CatalogueQuery.MaxOffset)
        {
            _errors.Add($"page: paging stops at {CatalogueQuery.MaxOffset:N0} results; narrow the search instead of paging past it.");
        }

        return size;
    }
}
