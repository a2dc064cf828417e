package dev.sociscope.app.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns any failure of a command into one readable line on stderr and exit code 1, no stack trace. */
final class UserErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    String message = message(ex);
    // messages quote input (names, tags, paths): escaped, so they stay one line and send no control sequence
    cmd.getErr().println("sociscope: " + dev.sociscope.core.format.TerminalText.escape(message));
    cmd.getErr().flush();
    if (Boolean.getBoolean("sociscope.debug")) {
      ex.printStackTrace(cmd.getErr());
    }
    return SociscopeCommand.EXIT_USER_ERROR;
  }

  /** The exception's message; file-system exceptions that carry only a file name get the reason added. */
  static String message(Exception ex) {
    if (ex instanceof FileSystemException fs && fs.getReason() == null && fs.getOtherFile() == null) {
      String reason = ex instanceof NoSuchFileException ? "no such file or directory"
          : ex instanceof AccessDeniedException ? "permission denied"
          : ex instanceof FileAlreadyExistsException ? "already exists"
          : ex instanceof NotDirectoryException ? "not a directory"
          : ex instanceof DirectoryNotEmptyException ? "directory not empty"
          : ex.getClass().getSimpleName();
      return fs.getFile() + ": " + reason;
    }
    return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
  }
}
