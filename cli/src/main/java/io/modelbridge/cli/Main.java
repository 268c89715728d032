package io.modelbridge.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code modelbridge} command line. Each capability contributes one subcommand class, registered in
 * {@link #SUBCOMMANDS}.
 *
 * <p>Exit codes: 0 success, 1 the command ran and found a problem (for example a tampered audit log),
 * 2 bad usage or unreadable input.
 */
@Command(
    name = "modelbridge",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "ModelBridge: dock business systems to large language models.")
public final class Main implements Runnable {

  /**
   * Subcommand classes, in the order {@code --help} lists them. Classes, not instances: each
   * {@link #commandLine()} gets fresh commands, so an option given to one run never becomes the default
   * of the next one in the same JVM.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      DemoCommand.class,
      MapCommand.class,
      AdaptersCommand.class,
      AuditCommand.class,
      PiiCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Entry point; exits the JVM with the command's exit code. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line without exiting the JVM; returns the exit code. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line, with every subcommand registered. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    SUBCOMMANDS.forEach(c -> cli.addSubcommand(c));
    // picocli 4.7 has no setExitCodeOnInvalidInput/OnExecutionException: invalid input already exits with
    // ExitCode.USAGE (2); the mapper makes an exception escaping a command exit with 2 as well.
    cli.setExitCodeExceptionMapper(e -> 2);
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"modelbridge " + (v == null ? "(development build)" : v)};
    }
  }
}
