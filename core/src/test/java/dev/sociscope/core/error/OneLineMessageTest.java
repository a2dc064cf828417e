package dev.sociscope.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Messages quote the input; a line break or escape sequence in there stays on one line (issue 14 item 5). */
class OneLineMessageTest {

  @Test
  void controlCharactersFromTheInputAreShownEscaped() {
    CorruptInputException e = new CorruptInputException("tar entry 'a\nb\r\tc\u001b[31m\u0085\u2028' is bad");

    assertThat(e.getMessage()).isEqualTo("tar entry 'a\\nb\\r\\tc\\x1b[31m\\x85\\u2028' is bad");
  }

  @Test
  void plainMessagesAndUnicodeAreKept() {
    assertThat(new SociscopeException(ErrorKind.IO, "café – ok").getMessage()).isEqualTo("café – ok");
    assertThat(new SociscopeException(ErrorKind.IO, null).getMessage()).isNull();
  }
}
