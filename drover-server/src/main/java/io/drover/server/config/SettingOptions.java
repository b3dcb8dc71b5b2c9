package io.drover.server.config;

import java.util.EnumMap;
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
public final class SettingOptions implements IModelTransformer {

  @Override
  public CommandSpec transform(CommandSpec command) {
    for (Setting setting : Setting.values()) {
      String variables =
          setting.conventionalEnv() == null
              ? setting.droverEnv()
              : setting.droverEnv() + ", " + setting.conventionalEnv();
      command.addOption(
          OptionSpec.builder(setting.flag())
              .paramLabel(setting.paramLabel())
              .type(String.class)
              .description(setting.description(), "Env: " + variables + ".")
              .build());
    }
    return command;
  }

  /** The flags given on a command line, by setting. */
  public static Map<Setting, String> given(ParseResult parsed) {
    Map<Setting, String> given = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      if (parsed.hasMatchedOption(setting.flag())) {
        given.put(setting, parsed.matchedOptionValue(setting.flag(), null));
      }
    }
    return given;
  }
}
