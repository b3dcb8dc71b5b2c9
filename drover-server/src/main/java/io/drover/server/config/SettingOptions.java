package io.drover.server.config;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Adds one option per {@link Setting} to a command, with help that names its variables and default.
 * Values stay strings here: {@link ConfigLoader} parses flags and variables alike, so both fail
 * with the same message.
 */
public class SettingOptions implements IModelTransformer {
  /** How the roles other than the server say where their settings come from, in their help. */
  public static final String READ_AS_SERVER =
      "Settings are read as drover server reads them: flag, else DROVER_* variable, else"
          + " conventional variable, else default.";

  /** Whether the command takes this setting; all do unless a subclass says otherwise. */
  protected boolean takes(Setting<?> setting) {
    return true;
  }

  @Override
  public CommandSpec transform(CommandSpec command) {
    for (Setting<?> setting : Setting.values()) {
      if (!takes(setting)) {
        continue;
      }
      String variables =
          setting.conventionalEnv() == null
              ? setting.droverEnv()
              : setting.droverEnv() + ", " + setting.conventionalEnv();
      OptionSpec.Builder option =
          OptionSpec.builder(setting.flag())
              .description(setting.description(), "Env: " + variables + ".");
      if (setting.switchValue() == null) {
        option.paramLabel(setting.paramLabel()).type(String.class);
      } else {
        option.arity("0").type(boolean.class);
      }
      command.addOption(option.build());
    }
    return command;
  }

  /** The flags given on a command line, by setting. */
  public static Map<Setting<?>, String> given(ParseResult parsed) {
    Map<Setting<?>, String> given = new LinkedHashMap<>();
    for (Setting<?> setting : Setting.values()) {
      if (parsed.hasMatchedOption(setting.flag())) {
        given.put(
            setting,
            setting.switchValue() != null
                ? setting.switchValue()
                : parsed.matchedOptionValue(setting.flag(), null));
      }
    }
    return given;
  }
}
