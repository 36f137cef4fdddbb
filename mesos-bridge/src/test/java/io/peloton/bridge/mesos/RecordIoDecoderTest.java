package io.peloton.bridge.mesos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

class RecordIoDecoderTest {

  private static byte[] recorded(List<byte[]> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    records.forEach(r -> out.writeBytes(RecordIoDecoder.frame(r)));
    return out.toByteArray();
  }

  private static List<byte[]> events(WireEncoding enc) {
    Event subscribed = Event.newBuilder().setType(Event.Type.SUBSCRIBED)
        .setSubscribed(Event.Subscribed.newBuilder()
            .setFrameworkId(Protos.FrameworkID.newBuilder().setValue("fw-ü-0000"))
            .setHeartbeatIntervalSeconds(15)).build();
    Event heartbeat = Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
    Event error = Event.newBuilder().setType(Event.Type.ERROR)
        .setError(Event.Error.newBuilder().setMessage("Framework failed over — ünïcode")).build();
    return List.of(enc.encode(subscribed), enc.encode(heartbeat), enc.encode(error));
  }

  @Test
  void jsonHeartbeatIsTwentyBytes() {
    List<byte[]> out = new RecordIoDecoder().feed(
        "20\n{\"type\":\"HEARTBEAT\"}".getBytes(StandardCharsets.US_ASCII));
    assertEquals(1, out.size());
    Event e = WireEncoding.JSON.decode(out.get(0), Event.newBuilder());
    assertEquals(Event.Type.HEARTBEAT, e.getType());
  }

  @Test
  void everySplitOfARecordedStreamDecodesTheSameRecords() {
    for (WireEncoding enc : WireEncoding.values()) {
      List<byte[]> records = events(enc);
      byte[] stream = recorded(records);
      // every single cut point, including inside length headers and payloads
      for (int cut = 0; cut <= stream.length; cut++) {
        RecordIoDecoder d = new RecordIoDecoder();
        List<byte[]> got = new ArrayList<>(d.feed(Arrays.copyOfRange(stream, 0, cut)));
        got.addAll(d.feed(Arrays.copyOfRange(stream, cut, stream.length)));
        assertEquals(records.size(), got.size(), "cut at " + cut);
        for (int i = 0; i < records.size(); i++) {
          assertArrayEquals(records.get(i), got.get(i), "record " + i + " cut at " + cut);
        }
        assertTrue(d.atBoundary());
      }
    }
  }

  @Test
  void randomChunkingAndByteByByteDecodeEvents() {
    Random random = new Random(42);
    List<byte[]> records = events(WireEncoding.JSON);
    byte[] stream = recorded(records);
    RecordIoDecoder d = new RecordIoDecoder();
    List<byte[]> got = new ArrayList<>();
    int i = 0;
    while (i < stream.length) {
      int n = Math.min(stream.length - i, 1 + random.nextInt(7));
      got.addAll(d.feed(stream, i, n));
      i += n;
    }
    assertEquals(3, got.size());
    Event err = WireEncoding.JSON.decode(got.get(2), Event.newBuilder());
    assertEquals("Framework failed over — ünïcode", err.getError().getMessage());
    Event sub = WireEncoding.JSON.decode(got.get(0), Event.newBuilder());
    assertEquals("fw-ü-0000", sub.getSubscribed().getFrameworkId().getValue());
  }

  @Test
  void partialRecordIsHeldUntilTheRestArrives() {
    RecordIoDecoder d = new RecordIoDecoder();
    assertTrue(d.feed("1".getBytes()).isEmpty());
    assertTrue(d.feed("0\nhello".getBytes()).isEmpty());
    List<byte[]> out = d.feed("world5\nabc".getBytes());
    assertEquals(1, out.size());
    assertEquals("helloworld", new String(out.get(0)));
    assertEquals("abcde", new String(d.feed("de".getBytes()).get(0)));
  }

  @Test
  void garbageInALengthHeaderFails() {
    assertThrows(IllegalStateException.class, () -> new RecordIoDecoder().feed("1x\n".getBytes()));
  }

  @Test
  void redirectLocationsAreProtocolRelative() {
    MasterAddress a = MasterAddress.parse("http://m1:5050");
    assertEquals(new MasterAddress(false, "m2", 5051), a.redirectedTo("//m2:5051/api/v1/scheduler"));
    assertEquals(new MasterAddress(false, "m3", 5050), a.redirectedTo("//m3"));
    assertThrows(IllegalArgumentException.class, () -> MasterAddress.parse(""));
  }
}
