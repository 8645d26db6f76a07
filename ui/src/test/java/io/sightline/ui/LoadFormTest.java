package io.sightline.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.sightline.ui.LoadControl.LoadLimits;
import io.sightline.ui.LoadControl.LoadRequest;
import org.junit.jupiter.api.Test;

class LoadFormTest {
    private static final LoadLimits LIMITS = new LoadLimits(1000, 100, 5000, Duration.ofHours(1), 20);

    private static Map<String, String> form(String users, String spawn, String rate, String duration) {
        Map<String, String> form = new HashMap<>();
        form.put("users", users);
        form.put("spawn_rate", spawn);
        form.put("target_rate", rate);
        form.put("duration", duration);
        return form;
    }

    private static LoadRequest parse(Map<String, String> form) {
        return LoadForm.parse(form::get, LIMITS);
    }

    @Test
    void readsAGoodForm() {
        assertThat(parse(form("10", "2.5", "50", "10"))).isEqualTo(new LoadRequest(10, 2.5, 50, Duration.ofSeconds(10)));
        assertThat(parse(form(" 1000 ", "100", "0", "5m")).duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(parse(form("1", "1", "0", "1h")).duration()).isEqualTo(Duration.ofHours(1));
        assertThat(parse(form("1", "1", "0", "90S")).duration()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void usersOutsideTheirRangeNameTheRange() {
        assertThatThrownBy(() -> parse(form("0", "1", "1", "10"))).hasMessage("Users must be from 1 to 1000, not 0.");
        assertThatThrownBy(() -> parse(form("1001", "1", "1", "10"))).hasMessage("Users must be from 1 to 1000, not 1001.");
        assertThatThrownBy(() -> parse(form("2.5", "1", "1", "10")))
                .hasMessage("Users must be a whole number from 1 to 1000, not \"2.5\".");
        assertThatThrownBy(() -> parse(form("", "1", "1", "10"))).hasMessage("Users is required: a number from 1 to 1000.");
        assertThatThrownBy(() -> parse(form(null, "1", "1", "10"))).hasMessageStartingWith("Users is required");
    }

    @Test
    void ratesMustBeFiniteAndWithinTheLimits() {
        assertThatThrownBy(() -> parse(form("1", "0", "1", "10"))).hasMessage("Spawn rate must be above 0 to 100, not 0.");
        assertThatThrownBy(() -> parse(form("1", "NaN", "1", "10"))).hasMessageStartingWith("Spawn rate must be above 0");
        assertThatThrownBy(() -> parse(form("1", "1", "-1", "10"))).hasMessage("Target rate must be from 0 to 5000, not -1.");
        assertThatThrownBy(() -> parse(form("1", "1", "5001", "10"))).hasMessage("Target rate must be from 0 to 5000, not 5001.");
        assertThatThrownBy(() -> parse(form("1", "1", "Infinity", "10"))).hasMessageStartingWith("Target rate must be");
        assertThatThrownBy(() -> parse(form("1", "1", "<b>", "10")))
                .hasMessage("Target rate must be a number from 0 to 5000, not \"<b>\".");
    }

    @Test
    void durationsBetweenOneSecondAndTheLimit() {
        assertThatThrownBy(() -> parse(form("1", "1", "1", "0"))).hasMessage("Duration must be from 1s to 1h, not 0.");
        assertThatThrownBy(() -> parse(form("1", "1", "1", "61m"))).hasMessage("Duration must be from 1s to 1h, not 61m.");
        assertThatThrownBy(() -> parse(form("1", "1", "1", "3601"))).hasMessage("Duration must be from 1s to 1h, not 3601.");
        assertThatThrownBy(() -> parse(form("1", "1", "1", "2d")))
                .hasMessage("Duration must be whole seconds or 90s, 5m, 1h, from 1s to 1h, not \"2d\".");
        assertThatThrownBy(() -> parse(form("1", "1", "1", " ")))
                .hasMessage("Duration is required: seconds or 90s, 5m, 1h, from 1s to 1h.");
    }

    @Test
    void limitsThemselvesAreChecked() {
        assertThatThrownBy(() -> new LoadLimits(0, 1, 1, Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadLimits(1, 1, 1, Duration.ofMillis(999), 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
