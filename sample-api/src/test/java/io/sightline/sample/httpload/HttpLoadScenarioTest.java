package io.sightline.sample.httpload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpLoadScenarioTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryFieldOfAGoodFile() throws IOException {
        Path file = dir.resolve("shop.yaml");
        Files.writeString(file, """
                # a scenario
                target: http://127.0.0.1:9000/shop
                users: 20
                spawnRate: 2.5
                rate: 1k
                duration: 2m
                thinkTime: 250ms
                endpoints:
                  - name: stock
                    path: /api/stock/{sku}
                    weight: 5
                  - name: order
                    method: post
                    path: /api/orders
                    body: '{"sku":"{sku}","quantity":{int1to5}}'
                  - path: /health
                    body:
                """);
        HttpLoadScenario s = HttpLoadScenario.parse(file);
        assertThat(s.target()).isEqualTo(URI.create("http://127.0.0.1:9000/shop"));
        assertThat(s.users()).isEqualTo(20);
        assertThat(s.spawnRate()).isEqualTo(2.5);
        assertThat(s.targetRate()).isEqualTo(1000);
        assertThat(s.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.thinkTime()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.endpoints()).containsExactly(
                new HttpEndpoint("stock", "GET", "/api/stock/{sku}", "", 5),
                new HttpEndpoint("order", "POST", "/api/orders", "{\"sku\":\"{sku}\",\"quantity\":{int1to5}}", 1),
                new HttpEndpoint("GET /health", "GET", "/health", "", 1));
    }

    @Test
    void keysLeftOutTakeTheSampleShopDefaults() {
        HttpLoadScenario s = ScenarioFile.read("min.yaml", "endpoints: [{path: /}]");
        HttpLoadScenario shop = HttpLoadScenario.sampleShop(HttpLoadScenario.DEFAULT_TARGET);
        assertThat(s.withEndpoints(shop.endpoints())).isEqualTo(shop);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key         | 'endpoints: [{path: /}]\\nuser: 3'                     | min.yaml:2: user is not a known key
            bad users           | 'users: many\\nendpoints: [{path: /}]'                 | min.yaml:1: users must be a whole number: many
            zero users          | 'users: 0\\nendpoints: [{path: /}]'                    | min.yaml:1: users must be at least 1
            bad spawn rate      | 'spawnRate: fast\\nendpoints: [{path: /}]'             | min.yaml:1: spawnRate must be a number: fast
            zero spawn rate     | 'spawnRate: 0\\nendpoints: [{path: /}]'                | min.yaml:1: spawnRate must be above 0
            negative rate       | 'rate: -1\\nendpoints: [{path: /}]'                    | min.yaml:1: rate must be 0 (unlimited) or above
            bad duration        | 'duration: soon\\nendpoints: [{path: /}]'              | min.yaml:1: duration must be a duration like
            bad think time      | 'endpoints: [{path: /}]\\nthinkTime: 1 day'            | min.yaml:2: thinkTime must be a duration like
            bad target          | 'target: ftp://x\\nendpoints: [{path: /}]'             | min.yaml:1: target must be an http:// or https:// URL
            target not a URL    | 'target: \"http://a b\"\\nendpoints: [{path: /}]'      | min.yaml:1: target is not a URL
            no endpoints        | 'users: 3'                                            | min.yaml:1: endpoints is missing
            endpoints not list  | 'endpoints: /api'                                     | min.yaml:1: endpoints must be a list
            empty endpoints     | 'endpoints: []'                                       | min.yaml:1: endpoints must be a list
            endpoint not map    | 'endpoints:\\n  - /api'                                | min.yaml:2: endpoints[0] must be a mapping
            unknown endpoint key| 'endpoints:\\n  - path: /\\n    wieght: 2'              | min.yaml:3: endpoints[0].wieght is not a known key
            no path             | 'endpoints:\\n  - name: a\\n    method: GET'            | min.yaml:2: endpoints[0].path is missing
            bad weight          | 'endpoints:\\n  - path: /\\n    weight: often'          | min.yaml:3: endpoints[0].weight must be a whole number: often
            zero weight         | 'endpoints:\\n  - path: /\\n\\n    weight: 0'           | min.yaml:4: endpoints[0].weight must be at least 1: 0 (endpoint GET /)
            path without slash  | 'endpoints:\\n  - path: api'                           | min.yaml:2: endpoints[0].path must start with /: api
            bad method          | 'endpoints:\\n  - path: /\\n    method: G3T'            | min.yaml:3: endpoints[0].method must be letters
            unknown placeholder | 'endpoints:\\n  - path: /a/{skus}'                     | min.yaml:2: endpoints[0].path has an unknown placeholder {skus}
            path a list         | 'endpoints:\\n  - path: [a]'                           | min.yaml:2: endpoints[0].path must be a single value
            same names          | 'endpoints:\\n  - {name: a, path: /}\\n  - {name: a, path: /b}' | min.yaml:1: endpoints must have different names: [a, a]
            not a mapping       | '- a\\n- b'                                           | min.yaml:1: the file must be a mapping
            empty file          | '# nothing'                                           | min.yaml:1: the file is empty
            invalid yaml        | 'users: [1\\nendpoints: x'                             | min.yaml:2: not valid YAML
            """)
    void everyErrorNamesTheFieldAndLine(String what, String text, String message) {
        assertThatThrownBy(() -> ScenarioFile.read("min.yaml", text.replace("\\n", "\n")))
                .as(what)
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertThatThrownBy(() -> HttpLoadScenario.parse(dir.resolve("none.yaml")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("none.yaml");
    }

    @Test
    void theSampleShopWeighsStockOrdersAndOrderLookups() {
        HttpLoadScenario shop = HttpLoadScenario.sampleShop(URI.create("http://127.0.0.1:8081"));
        assertThat(shop.endpoints()).extracting(HttpEndpoint::method, HttpEndpoint::path, HttpEndpoint::weight)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GET", "/api/stock/{sku}", 5),
                        org.assertj.core.groups.Tuple.tuple("POST", "/api/orders", 3),
                        org.assertj.core.groups.Tuple.tuple("GET", "/api/orders/{orderId}", 2));
        assertThat(shop.users()).isEqualTo(50);
        assertThat(shop.spawnRate()).isEqualTo(10);
        assertThat(shop.targetRate()).isZero();
        assertThat(shop.duration()).isEqualTo(Duration.ofSeconds(60));
    }
}
