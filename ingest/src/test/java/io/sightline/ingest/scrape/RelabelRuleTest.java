package io.sightline.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sightline.storage.tsdb.Labels;

class RelabelRuleTest {
    private static final Labels SERIES = Labels.of("__name__", "http_requests_total", "code", "200", "method", "get");

    private static RelabelRule rule(List<String> sources, String regex, String target, String replacement, RelabelRule.Action action) {
        return new RelabelRule(sources, ";", regex, target, replacement, action);
    }

    @Test
    void keepAndDropAreAnchored() {
        RelabelRule keep = rule(List.of("__name__"), "http_.*", null, "$1", RelabelRule.Action.KEEP);
        assertThat(keep.apply(SERIES)).isEqualTo(SERIES);
        RelabelRule keepPartial = rule(List.of("__name__"), "http", null, "$1", RelabelRule.Action.KEEP);
        assertThat(keepPartial.apply(SERIES)).as("anchored: 'http' does not match the whole name").isNull();
        RelabelRule drop = rule(List.of("code", "method"), "200;get", null, "$1", RelabelRule.Action.DROP);
        assertThat(drop.apply(SERIES)).isNull();
        assertThat(rule(List.of("code"), "5..", null, "$1", RelabelRule.Action.DROP).apply(SERIES)).isEqualTo(SERIES);
    }

    @Test
    void replaceExpandsGroups() {
        RelabelRule replace = rule(List.of("code", "method"), "(\\d)\\d\\d;(?P<m>.*)", "class", "${1}xx_$m", RelabelRule.Action.REPLACE);
        assertThat(replace.apply(SERIES).get("class")).isEqualTo("2xx_get");
        RelabelRule noMatch = rule(List.of("code"), "5(.*)", "class", "$1", RelabelRule.Action.REPLACE);
        assertThat(noMatch.apply(SERIES)).isEqualTo(SERIES);
        RelabelRule delete = rule(List.of("nothing"), "(.*)", "method", "$1", RelabelRule.Action.REPLACE);
        assertThat(delete.apply(SERIES).has("method")).as("an empty result deletes the target").isFalse();
        RelabelRule unknownGroup = rule(List.of("code"), "(.*)", "x", "$1x", RelabelRule.Action.REPLACE);
        assertThat(unknownGroup.apply(SERIES).has("x")).as("$1x names group '1x', as in Go: empty").isFalse();
        RelabelRule dollar = rule(List.of("code"), "(.*)", "x", "$$$1", RelabelRule.Action.REPLACE);
        assertThat(dollar.apply(SERIES).get("x")).isEqualTo("$200");
    }

    @Test
    void labelDropKeepAndMap() {
        assertThat(rule(List.of(), "code|method", null, "$1", RelabelRule.Action.LABELDROP).apply(SERIES))
                .isEqualTo(Labels.of("__name__", "http_requests_total"));
        assertThat(rule(List.of(), "__name__|code", null, "$1", RelabelRule.Action.LABELKEEP).apply(SERIES))
                .isEqualTo(Labels.of("__name__", "http_requests_total", "code", "200"));
        assertThat(rule(List.of(), "(co)de", null, "${1}lor", RelabelRule.Action.LABELMAP).apply(SERIES).get("color"))
                .isEqualTo("200");
    }

    @Test
    void caseEqualityAndHashmod() {
        assertThat(rule(List.of("method"), "(.*)", "m", "$1", RelabelRule.Action.UPPERCASE).apply(SERIES).get("m")).isEqualTo("GET");
        Labels upper = Labels.of("__name__", "x", "a", "GeT");
        assertThat(rule(List.of("a"), "(.*)", "a", "$1", RelabelRule.Action.LOWERCASE).apply(upper).get("a")).isEqualTo("get");
        Labels same = Labels.of("__name__", "x", "a", "1", "b", "1");
        assertThat(rule(List.of("a"), "(.*)", "b", "$1", RelabelRule.Action.KEEPEQUAL).apply(same)).isEqualTo(same);
        assertThat(rule(List.of("a"), "(.*)", "b", "$1", RelabelRule.Action.DROPEQUAL).apply(same)).isNull();
        assertThat(rule(List.of("code"), "(.*)", "b", "$1", RelabelRule.Action.KEEPEQUAL).apply(SERIES)).isNull();
        // md5("foo") = acbd18db4cc2f85cedef654fccc4a4d8: last 8 bytes 0xedef654fccc4a4d8 = 17145374041337054424
        assertThat(RelabelRule.hash64("foo")).isEqualTo(0xedef654fccc4a4d8L);
        Labels foo = Labels.of("__name__", "x", "a", "foo");
        assertThat(new RelabelRule(List.of("a"), ";", "(.*)", "shard", "$1", RelabelRule.Action.HASHMOD, 1000).apply(foo).get("shard"))
                .isEqualTo(Long.toUnsignedString(Long.remainderUnsigned(0xedef654fccc4a4d8L, 1000)));
    }

    @Test
    void dotMatchesNewlines() {
        Labels multiLine = Labels.of("__name__", "x", "msg", "a\nb");
        assertThat(rule(List.of("msg"), "a.b", null, "$1", RelabelRule.Action.KEEP).apply(multiLine)).isEqualTo(multiLine);
    }
}
