package io.sightline.storage.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/** What the last commit of an index holds, segment by segment (tests of merging and settling). */
public final class CommittedSegments {
    private CommittedSegments() {
    }

    /** Each committed segment's source, in commit order: "flush" or "merge". */
    public static List<String> sources(Path index) throws IOException {
        try (Directory directory = FSDirectory.open(index)) {
            return sources(directory);
        }
    }

    static List<String> sources(Directory directory) throws IOException {
        List<String> sources = new ArrayList<>();
        for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
            sources.add(segment.info.getDiagnostics().get(IndexWriter.SOURCE));
        }
        return sources;
    }
}
