using Microsoft.AspNetCore.Authorization;
using Samples.Contracts.Access;

namespace Samples.Silo.Api;

/// <summary>Who may call what: one place, so the API's rules read as a table.</summary>
public static class Roles
{
    public static readonly IAuthorizeData Anyone = new AuthorizeAttribute { Roles = string.Join(",", Role.Staff) };
    public static readonly IAuthorizeData TaskReaders = new AuthorizeAttribute { Roles = string.Join(",", Role.TaskReaders) };
    public static readonly IAuthorizeData Enterprises = new AuthorizeAttribute { Roles = Role.Enterprise };
    public static readonly IAuthorizeData AnyCredential = new AuthorizeAttribute { Roles = string.Join(",", Role.All) };
    public static readonly IAuthorizeData Witnesses = new AuthorizeAttribute { Roles = $"{Role.Witness},{Role.Supervisor},{Role.Admin}" };
    public static readonly IAuthorizeData Supervisors = new AuthorizeAttribute { Roles = $"{Role.Supervisor},{Role.Admin}" };
    public static readonly IAuthorizeData Admins = new AuthorizeAttribute { Roles = Role.Admin };
}
