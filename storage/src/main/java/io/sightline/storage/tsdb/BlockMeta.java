package io.sightline.storage.tsdb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * A block's {@code meta.json} (docs/format/tsdb-meta.md): its time range [minTime, maxTime)
 * (Unix ms, end exclusive, as Prometheus's), counts, compaction level and sources, and the WAL
 * index a restart replays after. JSON for people and tools to read; its last member is a CRC32C
 * of the bytes before it, so it is checked like every other TSDB file.
 */
record BlockMeta(String id, long minTime, long maxTime, long series, long chunks, long samples, int level,
                 List<String> sources, long durableWalIndex) {
    static final String FORMAT = "tsdb-meta";
    static final int VERSION = 1;
    private static final String CRC_MEMBER = ",\"crc32c\":\"";
    private static final Pattern MEMBER = Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|-?\\d+|\\[[^\\]]*\\])");

    BlockMeta {
        sources = List.copyOf(sources);
    }

    String toJson() {
        StringBuilder json = new StringBuilder("{\"magic\":\"sightline\",\"format\":\"").append(FORMAT)
                .append("\",\"version\":").append(VERSION)
                .append(",\"id\":\"").append(id).append('"')
                .append(",\"minTime\":").append(minTime)
                .append(",\"maxTime\":").append(maxTime)
                .append(",\"series\":").append(series)
                .append(",\"chunks\":").append(chunks)
                .append(",\"samples\":").append(samples)
                .append(",\"level\":").append(level)
                .append(",\"sources\":[");
        for (int i = 0; i < sources.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(sources.get(i)).append('"');
        }
        json.append("],\"durableWalIndex\":").append(durableWalIndex);
        CRC32C crc = new CRC32C();
        crc.update(json.toString().getBytes(StandardCharsets.UTF_8));
        return json.append(CRC_MEMBER).append(String.format("%08x", (int) crc.getValue())).append("\"}\n").toString();
    }

    /** @throws CorruptFileException naming the file when it is not a meta.json this build reads */
    static BlockMeta parse(Path file, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int crcAt = text.lastIndexOf(CRC_MEMBER);
        if (crcAt < 0 || !text.startsWith("{\"magic\":\"sightline\"")) {
            throw new CorruptFileException(file, "a Sightline " + FORMAT + " JSON object ending in a crc32c member",
                    text.length() > 60 ? text.substring(0, 60) + "..." : text);
        }
        CRC32C crc = new CRC32C();
        crc.update(text.substring(0, crcAt).getBytes(StandardCharsets.UTF_8));
        String stored = text.substring(crcAt + CRC_MEMBER.length(), Math.min(text.length(), crcAt + CRC_MEMBER.length() + 8));
        String computed = String.format("%08x", (int) crc.getValue());
        if (!stored.equals(computed)) {
            throw new CorruptFileException(file, "CRC32C " + computed, "CRC32C " + stored);
        }
        java.util.Map<String, String> members = new java.util.HashMap<>();
        Matcher m = MEMBER.matcher(text.substring(0, crcAt));
        while (m.find()) {
            members.put(m.group(1), m.group(2));
        }
        if (!("\"" + FORMAT + "\"").equals(members.get("format"))) {
            throw new CorruptFileException(file, "format " + FORMAT, "format " + members.get("format"));
        }
        long version = number(file, members, "version");
        if (version != VERSION) {
            throw new CorruptFileException(file, "version " + VERSION + ".." + VERSION, "version " + version);
        }
        List<String> sources = new ArrayList<>();
        String list = members.getOrDefault("sources", "[]");
        for (String s : list.substring(1, list.length() - 1).split(",")) {
            if (!s.isBlank()) {
                sources.add(s.replace("\"", ""));
            }
        }
        return new BlockMeta(members.getOrDefault("id", "").replace("\"", ""), number(file, members, "minTime"),
                number(file, members, "maxTime"), number(file, members, "series"), number(file, members, "chunks"),
                number(file, members, "samples"), (int) number(file, members, "level"), sources,
                number(file, members, "durableWalIndex"));
    }

    private static long number(Path file, java.util.Map<String, String> members, String name) {
        String value = members.get(name);
        if (value == null || value.startsWith("\"") || value.startsWith("[")) {
            throw new CorruptFileException(file, "a number member " + name, value == null ? "none" : value);
        }
        return Long.parseLong(value);
    }
}
