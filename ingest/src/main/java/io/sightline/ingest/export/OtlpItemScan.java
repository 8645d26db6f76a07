package io.sightline.ingest.export;

import io.sightline.ingest.WireReader;

/**
 * Counts the items (log records or spans) of an OTLP {@code ExportLogsServiceRequest} or
 * {@code ExportTraceServiceRequest} from its protobuf bytes without building messages: both share
 * the shape request {1: resource groups} → group {2: scope groups} → scope group {2: items}, so one
 * walk serves both. Only those three levels are read: the framing of every field there is checked
 * (lengths within their parent, each message filling its length exactly), the items' own bytes are
 * skipped. That is what concatenating entries needs: an entry whose top-level fields are
 * well-framed appends cleanly to the others. A field of a known number with another wire type is
 * skipped as unknown, as protobuf-java does. Stateless.
 */
final class OtlpItemScan {
    private static final int GROUPS = 1 << 3 | WireReader.LEN;
    private static final int SCOPES = 2 << 3 | WireReader.LEN;
    private static final int ITEMS = 2 << 3 | WireReader.LEN;

    private OtlpItemScan() {
    }

    /**
     * Items in {@code bytes[from, to)}.
     *
     * @throws WireReader.Malformed if the three levels are not well-formed protobuf
     */
    static int count(byte[] bytes, int from, int to) {
        WireReader in = new WireReader(bytes, from, to);
        int items = 0;
        while (in.before(to)) {
            int tag = in.tag();
            if (tag == GROUPS) {
                items += group(in, in.lengthDelimited(tag));
            } else {
                in.skip(tag);
            }
        }
        return items;
    }

    private static int group(WireReader in, int end) {
        int items = 0;
        while (in.before(end)) {
            int tag = in.tag();
            if (tag == SCOPES) {
                items += scope(in, in.lengthDelimited(tag));
            } else {
                in.skip(tag);
            }
        }
        in.atEnd(end);
        return items;
    }

    private static int scope(WireReader in, int end) {
        int items = 0;
        while (in.before(end)) {
            int tag = in.tag();
            if (tag == ITEMS) {
                in.seek(in.lengthDelimited(tag));
                items++;
            } else {
                in.skip(tag);
            }
        }
        in.atEnd(end);
        return items;
    }
}
