using ForgetCloud.AppHost.Infrastructure;

namespace ForgetCloud.AppHost.Tests.Infrastructure;

public sealed class LocalDataDirectoryTests
{
    [Fact]
    public void The_readmes_relative_path_resolves_against_where_the_user_ran_from_not_the_apphost_folder()
    {
        // README: `dotnet run --project ForgetCloud.AppHost -- ForgetCloud:LocalDataDirectory=../shared/data` from the repo root.
        var resolved = LocalDataDirectory.Resolve("../shared/data", "/work/repo", "/elsewhere/repo");

        Assert.Equal(Path.GetFullPath("/work/shared/data"), resolved);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/pwd")]
    public void Without_a_usable_invocation_directory_the_repository_root_is_the_base(string? pwd)
    {
        Assert.Equal(Path.GetFullPath("/work/shared/data"), LocalDataDirectory.Resolve("../shared/data", pwd, "/work/repo"));
    }

    [Fact]
    public void An_absolute_path_is_kept()
    {
        Assert.Equal(Path.GetFullPath("/data/sets"), LocalDataDirectory.Resolve("/data/sets", "/work/repo", "/elsewhere"));
    }
}
