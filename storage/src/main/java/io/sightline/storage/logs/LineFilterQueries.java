package io.sightline.storage.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Line filters pushed down to the body index as a <em>superset</em> of the lines they keep; the
 * scan verifies every candidate ({@link LineFilterMatcher}). The body is indexed as
 * StandardAnalyzer tokens (UAX#29 words, lowercased code point by code point), so a needle that
 * occurs in a line has its lowercased form in the lowercased line, and:
 *
 * <ul>
 *   <li>a run of ASCII letters and digits in the needle is always inside one token (UAX#29 never
 *       breaks between them), except where a word over 255 chars was cut ({@link BodyTermsQuery});</li>
 *   <li>next to a <em>hard</em> boundary (ASCII whitespace or punctuation other than
 *       {@code . , ; : ' _}, which UAX#29 may join words across) a token starts or ends, so a run
 *       with hard boundaries on both sides is a whole token (a term query), with one on its left a
 *       token prefix (a prefix query), otherwise a part of a token (a term-dictionary scan).</li>
 * </ul>
 *
 * Only positive filters prune ({@code |=}, {@code |~}); negative ones cannot be decided by tokens.
 * Regexes push down the literals {@link RegexLiterals} finds; with an {@code i} flag the letter
 * {@code s} ends a run, as RE2 folds it with U+017F, which lowercases to itself.
 */
final class LineFilterQueries {
    /** Shortest run pushed down as a prefix or as a term-dictionary scan (shorter ones match too much). */
    private static final int MIN_PREFIX = 2;
    private static final int MIN_SCAN = 3;

    private LineFilterQueries() {
    }

    /** The conjunction of what the filters push down, or empty when none prunes. */
    static Optional<Query> of(List<LineFilter> filters) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        boolean any = false;
        for (LineFilter filter : filters) {
            Optional<Query> query = switch (filter.type()) {
                case CONTAINS -> anyOf(filter.values().stream().map(needle -> needle(needle, false)).toList());
                case REGEX -> anyOf(filter.values().stream().map(LineFilterQueries::regex).toList());
                case NOT_CONTAINS, NOT_REGEX -> Optional.empty();
            };
            if (query.isPresent()) {
                all.add(query.get(), BooleanClause.Occur.FILTER);
                any = true;
            }
        }
        return any ? Optional.of(all.build()) : Optional.empty();
    }

    /** A disjunction of alternatives; empty when any alternative cannot be pushed down. */
    private static Optional<Query> anyOf(List<Optional<Query>> alternatives) {
        if (alternatives.size() == 1) {
            return alternatives.getFirst();
        }
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        for (Optional<Query> alternative : alternatives) {
            if (alternative.isEmpty()) {
                return Optional.empty();
            }
            either.add(alternative.get(), BooleanClause.Occur.SHOULD);
        }
        return Optional.of(either.build());
    }

    private static Optional<Query> regex(String regex) {
        return RegexLiterals.of(regex).flatMap(literals -> {
            List<Optional<Query>> alternatives = new ArrayList<>();
            for (List<String> runs : literals.alternatives()) {
                alternatives.add(allOf(runs.stream().map(run -> needle(run, literals.caseInsensitive())).toList()));
            }
            return anyOf(alternatives);
        });
    }

    /** A conjunction of what can be pushed down; empty when nothing can. */
    private static Optional<Query> allOf(List<Optional<Query>> parts) {
        List<Query> present = parts.stream().flatMap(Optional::stream).toList();
        if (present.isEmpty()) {
            return Optional.empty();
        }
        if (present.size() == 1) {
            return Optional.of(present.getFirst());
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        present.forEach(query -> all.add(query, BooleanClause.Occur.FILTER));
        return Optional.of(all.build());
    }

    /**
     * The index query for lines containing {@code needle}: every whole-token and token-prefix run,
     * or when there is none the longest other run as a term-dictionary scan.
     */
    static Optional<Query> needle(String needle, boolean caseInsensitive) {
        String lower = lowercase(needle);
        List<Query> cheap = new ArrayList<>();
        String longest = "";
        boolean longestSuffix = false;
        int i = 0;
        while (i < lower.length()) {
            if (!runChar(lower.charAt(i), caseInsensitive)) {
                i++;
                continue;
            }
            int start = i;
            while (i < lower.length() && runChar(lower.charAt(i), caseInsensitive)) {
                i++;
            }
            String run = lower.substring(start, i);
            boolean hardLeft = start > 0 && hard(lower.charAt(start - 1));
            boolean hardRight = i < lower.length() && hard(lower.charAt(i));
            if (run.length() <= BodyTermsQuery.MAX_TOKEN_CHARS && hardLeft && hardRight) {
                cheap.add(new TermQuery(new Term(LogFields.BODY, run)));
            } else if (run.length() <= BodyTermsQuery.MAX_TOKEN_CHARS && hardLeft && run.length() >= MIN_PREFIX) {
                cheap.add(new PrefixQuery(new Term(LogFields.BODY, run)));
            } else if (run.length() > longest.length()) {
                longest = run;
                longestSuffix = hardRight;
            }
        }
        if (cheap.isEmpty() && longest.length() >= MIN_SCAN) {
            cheap.add(new BodyTermsQuery(LogFields.BODY, longest, longestSuffix));
        }
        return allOf(cheap.stream().map(Optional::of).toList());
    }

    /** Lowercased code point by code point, as Lucene's LowerCaseFilter does (no locale, no expansion). */
    static String lowercase(String text) {
        StringBuilder lower = new StringBuilder(text.length());
        text.codePoints().forEach(c -> lower.appendCodePoint(Character.toLowerCase(c)));
        return lower.toString();
    }

    private static boolean runChar(char c, boolean caseInsensitive) {
        return (c >= 'a' && c <= 'z' && !(caseInsensitive && c == 's')) || (c >= '0' && c <= '9');
    }

    /** A char next to which UAX#29 always breaks a word made of ASCII letters and digits. */
    private static boolean hard(char c) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
            return true;
        }
        boolean punctuation = c > ' ' && c < 0x7f && !Character.isLetterOrDigit(c);
        return punctuation && ".,;:'_".indexOf(c) < 0;
    }
}
