package io.drover.spool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.JobSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * One enqueue call kept in the spool: its jobs, all or none (a batch is one record), and when it
 * was spooled. On disk it is one line: the CRC-32C of the JSON in eight hex digits, a space, the
 * JSON ({@code {"at":<epoch ms>,"jobs":[…]}}) and a newline. JSON text never holds a raw newline,
 * so a line is a record; a line cut short by a crash lacks its newline or fails its checksum.
 */
record SpoolRecord(Instant spooledAt, List<JobSpec> jobs) {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final int CRC_DIGITS = 8;

  SpoolRecord {
    jobs = List.copyOf(jobs);
  }

  /** The record's line, newline included. */
  byte[] encode() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("at", spooledAt.toEpochMilli());
    ArrayNode array = root.putArray("jobs");
    jobs.forEach(spec -> array.add(JobSpecJson.write(spec)));
    byte[] json;
    try {
      json = MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a spool record: " + e.getOriginalMessage(), e);
    }
    byte[] line = new byte[CRC_DIGITS + 1 + json.length + 1];
    byte[] crc = HEX.toHexDigits((int) crc(json, 0, json.length)).getBytes(StandardCharsets.UTF_8);
    System.arraycopy(crc, 0, line, 0, CRC_DIGITS);
    line[CRC_DIGITS] = ' ';
    System.arraycopy(json, 0, line, CRC_DIGITS + 1, json.length);
    line[line.length - 1] = '\n';
    return line;
  }

  /**
   * Reads one line without its newline; empty if its checksum or JSON is wrong (a torn or damaged
   * record).
   */
  static Optional<SpoolRecord> decode(byte[] line, int length) {
    if (length <= CRC_DIGITS + 1 || line[CRC_DIGITS] != ' ') {
      return Optional.empty();
    }
    try {
      long expected =
          HEX.fromHexDigits(new String(line, 0, CRC_DIGITS, StandardCharsets.US_ASCII))
              & 0xFFFFFFFFL;
      int from = CRC_DIGITS + 1;
      if (crc(line, from, length - from) != expected) {
        return Optional.empty();
      }
      JsonNode root = MAPPER.readTree(line, from, length - from);
      List<JobSpec> jobs = new ArrayList<>();
      root.get("jobs").forEach(job -> jobs.add(JobSpecJson.read(job)));
      return Optional.of(new SpoolRecord(Instant.ofEpochMilli(root.get("at").asLong()), jobs));
    } catch (RuntimeException | java.io.IOException e) {
      return Optional.empty();
    }
  }

  private static long crc(byte[] bytes, int from, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, from, length);
    return crc.getValue();
  }
}
