using System;
using System.Collections.Generic;
using System.Globalization;

namespace FeishuApiGen.Generator.Model;

/// <summary>
/// Hands out names unique within one scope (a spec's types, one type's members, one enum's values): the preferred
/// name, else the alternative, else the preferred name numbered from 2. Every place that names things goes through it,
/// so a clash is always settled the same way.
/// </summary>
internal sealed class UniqueNames
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public UniqueNames(IEnumerable<string>? taken = null)
    {
        if (taken is not null)
        {
            _taken.UnionWith(taken);
        }
    }

    public void Reserve(string name) => _taken.Add(name);

    public string Claim(string preferred, string? alternative = null)
    {
        if (_taken.Add(preferred))
        {
            return preferred;
        }

        if (alternative is not null && _taken.Add(alternative))
        {
            return alternative;
        }

        for (var i = 2; ; i++)
        {
            var candidate = preferred + i.ToString(CultureInfo.InvariantCulture);
            if (_taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
