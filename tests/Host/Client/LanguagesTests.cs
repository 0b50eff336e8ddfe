using Samples.Client.Language;

namespace Samples.Tests.Host.Client;

public sealed class LanguagesTests
{
    [Theory]
    [InlineData("zh", Lang.Zh)]
    [InlineData("zh-CN", Lang.Zh)]
    [InlineData("EN", Lang.En)]
    [InlineData("en_US.UTF-8", Lang.En)]
    public void A_language_name_or_locale_picks_the_language(string name, Lang expected) => Languages.Parse(name).Should().Be(expected);

    [Theory]
    [InlineData("")]
    [InlineData("fr")]
    public void Anything_else_is_not_a_choice(string name) => Languages.Parse(name).Should().BeNull();

    [Fact]
    public void Labels_keep_the_English_term_and_errors_the_English_sentence_in_Chinese_mode()
    {
        var text = new Text("任务", "Task");

        text.Label(Lang.Zh).Should().Be("任务 Task");
        text.Error(Lang.Zh).Should().Be("任务 / Task");
        text.In(Lang.Zh).Should().Be("任务");
        (text.Label(Lang.En), text.Error(Lang.En), text.In(Lang.En)).Should().Be(("Task", "Task", "Task"));
        Text.Same("409 No plan X.").Error(Lang.Zh).Should().Be("409 No plan X.", "the server's words are not repeated");
    }
}
