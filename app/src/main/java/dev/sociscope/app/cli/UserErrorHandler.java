package dev.sociscope.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns any failure of a command into one readable line on stderr and exit code 1, no stack trace. */
final class UserErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    cmd.getErr().println("sociscope: " + message.replace('\n', ' '));
    cmd.getErr().flush();
    if (Boolean.getBoolean("sociscope.debug")) {
      ex.printStackTrace(cmd.getErr());
    }
    return SociscopeCommand.EXIT_USER_ERROR;
  }
}
