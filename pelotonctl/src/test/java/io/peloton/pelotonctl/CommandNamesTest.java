package io.peloton.pelotonctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The hand-written command table stays in step with the commands' own names. */
class CommandNamesTest {
  @Test
  void tableNamesMatchAnnotations() {
    PelotonCtl.COMMANDS.forEach((name, type) ->
        assertEquals(name, type.getAnnotation(Command.class).name()));
    assertEquals(12, PelotonCtl.COMMANDS.size());
  }

  @Test
  void commandWordSkipsGlobalOptionsAndTheirValues() {
    assertEquals("get", PelotonCtl.commandWord(new String[] {"--server", "http://x", "-n", "a",
        "get", "jobs"}));
    assertEquals("job", PelotonCtl.commandWord(new String[] {"--server=http://x", "job", "get"}));
    assertNull(PelotonCtl.commandWord(new String[] {"--help"}));
  }
}
