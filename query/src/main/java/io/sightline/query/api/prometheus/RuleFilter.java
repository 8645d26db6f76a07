package io.sightline.query.api.prometheus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.google.re2j.Pattern;
import io.sightline.query.promql.PromqlException;
import io.sightline.query.promql.parser.GoStrings;
import io.sightline.query.rules.AlertingRule;
import io.sightline.query.rules.GroupStatus;
import io.sightline.query.rules.RuleStatus;
import io.sightline.storage.tsdb.LabelMatcher;

/**
 * Which groups and rules one {@code /api/v1/rules} request answers, as Prometheus 3's
 * {@code api.rules} decides: the parameters read and refused with its messages, the groups sorted by
 * file then name (its rule manager's order), then {@code group_next_token}, {@code rule_group[]},
 * {@code file[]}, {@code match[]} (against the rule's own labels, as written in the file),
 * {@code rule_name[]} and {@code type}; a group left without rules is dropped and does not count
 * towards {@code group_limit}. Immutable; thread-safe.
 */
final class RuleFilter {
    /** Go's {@code strconv.ParseInt(s, 10, 32)} syntax: an optional sign and decimal digits. */
    private static final Pattern DECIMAL = Pattern.compile("^[+-]?[0-9]+$");
    /** Prometheus sorts with Go's byte-wise string order, which is code point order, not Java's UTF-16 order. */
    private static final Comparator<String> GO_ORDER = GoStrings::compare;
    private static final Comparator<GroupStatus> GROUP_ORDER = Comparator
            .comparing((GroupStatus g) -> g.group().file(), GO_ORDER)
            .thenComparing(g -> g.group().name(), GO_ORDER);

    private final boolean alerting;
    private final boolean recording;
    private final Set<String> ruleNames;
    private final Set<String> groupNames;
    private final Set<String> files;
    private final List<List<LabelMatcher>> matcherSets;
    private final boolean excludeAlerts;
    /** Groups per page; 0 = no pagination. */
    private final int groupLimit;
    private final String nextToken;

    private RuleFilter(RequestParameters p) {
        ruleNames = new HashSet<>(p.all("rule_name[]"));
        groupNames = new HashSet<>(p.all("rule_group[]"));
        files = new HashSet<>(p.all("file[]"));
        try {
            matcherSets = SeriesSelectors.parseMatchers(p.all("match[]"));
        } catch (PromqlException e) {
            throw ApiError.badData(e.getMessage());
        }
        String type = p.first("type").toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.equals("alert") && !type.equals("record")) {
            throw ApiError.invalidParameter("type", "not supported value " + GoStrings.quote(type));
        }
        alerting = !type.equals("record");
        recording = !type.equals("alert");
        excludeAlerts = excludeAlerts(p.first("exclude_alerts"));
        nextToken = p.first("group_next_token");
        groupLimit = groupLimit(p.first("group_limit"), nextToken);
    }

    /**
     * The filters of a request.
     *
     * @throws ApiError bad_data (400) with Prometheus's message for a bad {@code match[]}, {@code type},
     *                  {@code exclude_alerts}, {@code group_limit}, or a token without a limit
     */
    static RuleFilter read(RequestParameters p) {
        return new RuleFilter(p);
    }

    /** {@code exclude_alerts}: alerting rules are answered without their alerts. */
    boolean excludeAlerts() {
        return excludeAlerts;
    }

    /** One page of the groups this request answers, each holding only the rules that pass. */
    record Page(List<GroupStatus> groups, String nextToken) {
    }

    /**
     * The groups and rules that pass, at most {@code group_limit} of them starting at
     * {@code group_next_token}; the page's next token names the first group left out ("" when none is).
     *
     * @throws ApiError bad_data (400) when the token names no group (it was removed by a reload)
     */
    Page select(List<GroupStatus> all) {
        List<GroupStatus> sorted = new ArrayList<>(all);
        sorted.sort(GROUP_ORDER);
        List<GroupStatus> page = new ArrayList<>();
        String next = "";
        boolean tokenFound = false;
        for (GroupStatus g : sorted) {
            if (groupLimit > 0 && !nextToken.isEmpty() && !tokenFound) {
                if (!nextToken.equals(token(g))) {
                    continue;
                }
                tokenFound = true;
            }
            if (!groupNames.isEmpty() && !groupNames.contains(g.group().name())
                    || !files.isEmpty() && !files.contains(g.group().file())) {
                continue;
            }
            List<RuleStatus> rules = g.rules().stream().filter(this::passes).toList();
            if (rules.isEmpty()) {
                continue;
            }
            if (groupLimit > 0 && page.size() == groupLimit) {
                next = token(g);
                break;
            }
            page.add(new GroupStatus(g.group(), g.intervalMs(), rules, g.lastEvaluationMs(), g.evaluationTimeSeconds()));
        }
        if (groupLimit > 0 && !nextToken.isEmpty() && !tokenFound) {
            throw ApiError.invalidParameter("group_next_token",
                    "invalid group_next_token '" + nextToken + "'. were rule groups changed?");
        }
        return new Page(page, next);
    }

    private boolean passes(RuleStatus r) {
        return matchesAnySet(r.rule().labels())
                && (ruleNames.isEmpty() || ruleNames.contains(r.rule().name()))
                && (r.rule() instanceof AlertingRule ? alerting : recording);
    }

    /** Prometheus's {@code matchesMatcherSets}: no sets, or every matcher of one set holds on the labels. */
    private boolean matchesAnySet(Map<String, String> labels) {
        if (matcherSets.isEmpty()) {
            return true;
        }
        for (List<LabelMatcher> set : matcherSets) {
            if (set.stream().allMatch(m -> m.matches(labels.getOrDefault(m.name(), "")))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A group's page token, Prometheus's {@code getRuleGroupNextToken}: the hex SHA-1 of
     * {@code file;name}, so a client's token stays valid across Prometheus and Sightline.
     */
    static String token(GroupStatus g) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((g.group().file() + ";" + g.group().name()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** Go's {@code strconv.ParseBool} of the lower-cased value; absent = false. */
    private static boolean excludeAlerts(String value) {
        String text = value.toLowerCase(Locale.ROOT);
        return switch (text) {
            case "", "0", "f", "false" -> false;
            case "1", "t", "true" -> true;
            default -> throw ApiError.invalidParameter("exclude_alerts",
                    "error converting exclude_alerts: strconv.ParseBool: parsing " + GoStrings.quote(text)
                            + ": invalid syntax");
        };
    }

    /** Prometheus's {@code parseListRulesPaginationRequest}: 0 (no pages) when absent, else a positive int32. */
    private static int groupLimit(String value, String nextToken) {
        if (value.isEmpty()) {
            if (!nextToken.isEmpty()) {
                throw ApiError.invalidParameter("group_next_token",
                        "group_limit needs to be present in order to paginate over the groups");
            }
            return 0;
        }
        long limit;
        if (!DECIMAL.matches(value)) {
            throw invalidNumber(value, "invalid syntax");
        }
        try {
            limit = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalidNumber(value, "value out of range");
        }
        if (limit > Integer.MAX_VALUE || limit < Integer.MIN_VALUE) {
            throw invalidNumber(value, "value out of range");
        }
        if (limit <= 0) {
            throw ApiError.invalidParameter("group_limit", "group_limit needs to be greater than 0");
        }
        return (int) limit;
    }

    private static ApiError invalidNumber(String value, String problem) {
        return ApiError.invalidParameter("group_limit", "group_limit needs to be a valid number: strconv.ParseInt: parsing "
                + GoStrings.quote(value) + ": " + problem);
    }
}
