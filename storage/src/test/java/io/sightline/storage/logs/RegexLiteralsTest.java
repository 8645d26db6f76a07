package io.sightline.storage.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each regex and the literal runs it requires: alternatives split by ';', runs by ','; "-" for none. */
class RegexLiteralsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '\t', value = {
            "timeout\ttimeout",
            "time.?out\ttime,out",
            "tim(e|u)out\ttim,out",
            "ab*c\ta,c",
            "ab+c\tab,c",
            "ab{2}c\ta,c",
            "a{b\ta{b",
            "attempt \\d+\t'attempt '",
            "status=5\\d\\d\tstatus=5",
            "\\.env\t.env",
            "^GET /api$\tGET /api",
            "error|fail(ed)?\terror;fail",
            "error|.*\t-",
            "[a-z]+\t-",
            "x[]a]y\tx,y",
            "(?i)Timeout\tTimeout",
            "a*?b\tb",
            "\\Qa.b\\E\t-",
            "東京.*駅\t東京,駅",
    })
    void findsTheRequiredLiterals(String regex, String expected) {
        List<List<String>> alternatives = RegexLiterals.of(regex).map(RegexLiterals::alternatives).orElse(List.of());
        List<List<String>> wanted = expected.equals("-") ? List.of()
                : Arrays.stream(expected.split(";")).map(branch -> List.of(branch.split(","))).toList();
        assertThat(alternatives).isEqualTo(wanted);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '\t', value = {"(?i)x\ttrue", "(?-i:x)y\ttrue", "(?s)x\tfalse", "x\tfalse", "(?P<i>x)y\tfalse"})
    void seesTheCaseInsensitiveFlag(String regex, boolean caseInsensitive) {
        assertThat(RegexLiterals.of(regex).orElseThrow().caseInsensitive()).isEqualTo(caseInsensitive);
    }
}
