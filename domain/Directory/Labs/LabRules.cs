using System.Text.RegularExpressions;
using Samples.Contracts.Common;
using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>Checks and applies a lab's definition; the grain only loads and stores.</summary>
public static partial class LabRules
{
    public static (IReadOnlyList<FieldProblem> Problems, string? Change) Define(LabState state, string key, DefineLab command)
    {
        var problems = new List<FieldProblem>();
        if (command.Id is null || !IdPattern().IsMatch(command.Id.Trim()))
        {
            problems.Add(new("id", "must be 1-32 letters, digits or dashes, e.g. QH-LAB-01"));
        }
        else if (!string.Equals(command.Id.Trim(), key, StringComparison.Ordinal))
        {
            problems.Add(new("id", $"'{command.Id}' does not match the lab addressed ('{key}')"));
        }

        EnterpriseFields.CheckName(command.Name, problems);
        EnterpriseFields.CheckCategories(command.AccreditedCategories, problems);
        if (command.AccreditedCategories is not { Count: > 0 })
        {
            problems.Add(new("accreditedCategories", "at least one category is required"));
        }

        foreach (var item in command.AccreditedItems ?? [])
        {
            if (!EnterpriseFields.IsListItem(item, 64))
            {
                problems.Add(new("accreditedItems", $"'{item}' must be an item code of 1-64 characters without '|', '=' or control characters"));
            }
        }

        if (problems.Count > 0)
        {
            return (problems, null);
        }

        var categories = EnterpriseFields.NormaliseList(command.AccreditedCategories);
        var items = EnterpriseFields.NormaliseList(command.AccreditedItems);
        var same = state.Exists
            && state.Name == command.Name.Trim()
            && state.AccreditedCategories.SequenceEqual(categories)
            && state.AccreditedItems.SequenceEqual(items)
            && state.MayRetest == command.MayRetest;
        if (same)
        {
            return ([], null);
        }

        var change = state.Exists ? "definition updated" : "entered in the lab directory";
        state.Exists = true;
        state.Id = key;
        state.Name = command.Name.Trim();
        state.AccreditedCategories = categories;
        state.AccreditedItems = items;
        state.MayRetest = command.MayRetest;
        return ([], $"{change}: {categories.Count} categories, {items.Count} items, re-tests {(command.MayRetest ? "allowed" : "not allowed")}");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")]
    private static partial Regex IdPattern();
}
