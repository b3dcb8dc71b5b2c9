package io.drover.server.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell commands of a Markdown file: every line of a {@code sh}, {@code bash} or {@code
 * console} fenced block that is not a comment, with its {@code \} continuations and quotes that
 * span lines joined, together with the {@code # …} lines right under it (no blank line between),
 * which show its output. A block right after {@code <!-- not run: reason -->} is skipped, with the
 * reason kept.
 */
final class DocCommands {
  private static final Pattern FENCE =
      Pattern.compile("^```(\\w*)\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);
  private static final Pattern NOT_RUN = Pattern.compile("<!--\\s*not run:\\s*(.*?)\\s*-->\\s*$");
  private static final List<String> SHELLS = List.of("sh", "bash", "console");

  /** One command as written, where it is, and the output lines the doc shows under it. */
  record Command(String file, int line, String text, List<String> shownOutput) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + text;
    }
  }

  /** A block the doc marks as not run, and why. */
  record Skipped(String file, int line, String reason) {}

  /** What a file holds. */
  record Found(List<Command> commands, List<Skipped> skipped) {}

  private DocCommands() {}

  static Found read(Path root, String file) {
    String text;
    try {
      text = Files.readString(root.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Command> commands = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    Matcher fence = FENCE.matcher(text);
    while (fence.find()) {
      if (!SHELLS.contains(fence.group(1))) {
        continue;
      }
      int line = lineOf(text, fence.start());
      Matcher notRun = NOT_RUN.matcher(text.substring(0, fence.start()).stripTrailing());
      if (notRun.find()) {
        skipped.add(new Skipped(file, line, notRun.group(1)));
        continue;
      }
      commands.addAll(commands(file, line + 1, fence.group(2)));
    }
    return new Found(commands, skipped);
  }

  private static List<Command> commands(String file, int firstLine, String block) {
    List<Command> commands = new ArrayList<>();
    String[] lines = block.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int start = i;
      StringBuilder command = new StringBuilder(line);
      // A trailing backslash, or a single quote still open, carries the command on.
      while ((endsWithContinuation(command) || openQuote(command)) && i + 1 < lines.length) {
        if (endsWithContinuation(command)) {
          command.setLength(command.toString().stripTrailing().length() - 1);
        } else {
          command.append('\n');
        }
        command.append(lines[++i]);
      }
      List<String> output = new ArrayList<>();
      while (i + 1 < lines.length && lines[i + 1].startsWith("#")) {
        output.add(lines[++i].substring(1).strip());
      }
      commands.add(new Command(file, firstLine + start, command.toString(), output));
    }
    return commands;
  }

  private static boolean endsWithContinuation(CharSequence command) {
    return command.toString().stripTrailing().endsWith("\\");
  }

  /** Whether a single quote is still open, reading as a shell does up to a comment. */
  private static boolean openQuote(CharSequence command) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      } else if (c == '#' && !single && !dbl && (i == 0 || command.charAt(i - 1) == ' ')) {
        return false;
      }
    }
    return single;
  }

  private static int lineOf(String text, int offset) {
    return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
  }
}
