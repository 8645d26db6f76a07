package io.sightline.appliance.alerting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The rule files a list of paths and globs names now, as Prometheus's {@code rule_files} does: a
 * glob ({@code *}, {@code ?}, {@code [..]}) in the file name matches files of its directory (sorted,
 * none is no error); a plain path must exist.
 */
final class RuleFileSet {
    private RuleFileSet() {
    }

    static List<Path> resolve(List<String> patterns) {
        TreeSet<Path> files = new TreeSet<>();
        for (String pattern : patterns) {
            Path path = Path.of(pattern);
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (!name.matches(".*[*?\\[].*")) {
                if (!Files.isRegularFile(path)) {
                    throw new IllegalArgumentException("rule file " + path + " does not exist or is not a file");
                }
                files.add(path);
                continue;
            }
            Path directory = path.getParent() == null ? Path.of(".") : path.getParent();
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (DirectoryStream<Path> matches = Files.newDirectoryStream(directory, name)) {
                for (Path match : matches) {
                    if (Files.isRegularFile(match)) {
                        files.add(match);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + directory + " for " + pattern, e);
            }
        }
        return new ArrayList<>(files);
    }
}
