package io.drover.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.InvalidJobException;
import io.drover.server.auth.ApiToken;
import io.drover.server.auth.Role;
import io.drover.server.auth.Secrets;
import io.drover.server.auth.TokenFileAppend;
import io.drover.server.config.ConfigException;
import io.drover.store.QueuePattern;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code drover tokens create}: a fresh secret and the tokens-file entry that admits it. The secret
 * is printed once and kept nowhere; the entry holds only its SHA-256 digest. Stdout carries only
 * data (the secret and entry as one JSON object, or with {@code --file} the secret alone, the entry
 * being added to the file); what to do with them goes to stderr.
 */
@Command(
    name = "tokens",
    mixinStandardHelpOptions = true,
    description = "Makes API tokens for the tokens file (--tokens-file).")
public final class TokensCommand {
  @Spec private CommandSpec spec;

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Makes a new random secret and the tokens-file entry that admits it. Prints"
            + " {\"secret\": …, \"entry\": {…}} on stdout; with --file, adds the entry to that"
            + " file and prints the secret alone.",
        "Roles: admin (everything), producer (enqueue, read its queues' jobs), worker (read jobs,"
            + " see workers, metrics and health), viewer (read only)."
      })
  int create(
      @Option(
              names = "--name",
              required = true,
              paramLabel = "NAME",
              description = "A name for the token, unique in the file; errors and logs show it.")
          String name,
      @Option(
              names = "--role",
              required = true,
              paramLabel = "ROLE",
              description = "admin, producer, worker or viewer.")
          String role,
      @Option(
              names = "--queues",
              paramLabel = "PATTERNS",
              description =
                  "Comma-separated queue names or globs the token may use. Default: * (all).")
          String queues,
      @Option(
              names = "--file",
              paramLabel = "FILE",
              description =
                  "The tokens file to add the entry to, made if missing; replaced in one atomic"
                      + " step, and left as it was if the result would be refused (a name used"
                      + " twice, say). A running server reads it again by itself.")
          Path file) {
    CommandLine create = spec.commandLine().getSubcommands().get("create");
    if (!ApiToken.NAME.matcher(name).matches()) {
      throw new ParameterException(
          create, "--name must be 1-64 letters, digits or . _ : @ - (was '" + name + "')");
    }
    Role parsedRole;
    try {
      parsedRole = Role.parse(role);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(create, "--role " + e.getMessage());
    }
    List<QueuePattern> patterns;
    try {
      patterns = QueuePattern.parseList(queues == null ? "*" : queues);
    } catch (InvalidJobException e) {
      throw new ParameterException(create, "--" + e.getMessage());
    }
    if (patterns.isEmpty()) {
      throw new ParameterException(create, "--queues must name at least one queue or glob");
    }
    String secret = Secrets.newSecret();
    ObjectNode entry = DroverClient.JSON.createObjectNode();
    entry.put("name", name).put("role", parsedRole.wireName());
    patterns.forEach(pattern -> entry.withArray("queues").add(pattern.text()));
    entry.put("sha256", Secrets.sha256Hex(secret));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (file == null) {
      out.println(DroverClient.JSON.createObjectNode().put("secret", secret).set("entry", entry));
      err.println(
          "Add the entry to the tokens file's array (or use --file); the server reads the file"
              + " again by itself.");
    } else {
      try {
        TokenFileAppend.append(file, entry);
      } catch (ConfigException e) {
        // "tokensFile <file>: <problem>", said of the flag given here.
        throw new ClientException("--file " + e.getMessage().substring(e.setting().length() + 1));
      }
      out.println(secret);
      err.println(
          "Added token '" + name + "' to " + file + "; the server reads it again by itself.");
    }
    err.println(
        "Give the secret to the client as 'Authorization: Bearer <secret>' (or DROVER_TOKEN for"
            + " the CLI); it is stored nowhere and cannot be shown again.");
    out.flush();
    err.flush();
    return 0;
  }
}
