package io.sightline.appliance;

import java.util.List;
import java.util.Locale;

/**
 * One configuration option: its config-file key, which is also its flag ({@code --key}) and, upper-
 * cased with dots and dashes as underscores behind {@code SIGHTLINE_}, its environment variable.
 *
 * @param key         e.g. {@code logs.retention-age}
 * @param type        how a value is parsed and checked
 * @param defaultValue the value when none is given
 * @param description one line for {@code --help} and the documented config file
 */
record Setting(String key, SettingType type, String defaultValue, String description) {
    String flag() {
        return "--" + key;
    }

    String environmentVariable() {
        return "SIGHTLINE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Parses and checks a value, or throws naming this setting and where the value came from. */
    Object parse(String value, String source) {
        try {
            return type.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid value '" + value + "' for " + key + " (" + source + "): " + e.getMessage()
                    + ". Set it with " + flag() + ", " + environmentVariable() + " or '" + key + "' in the config file.");
        }
    }

    static List<String> names(List<Setting> settings) {
        return settings.stream().map(Setting::key).toList();
    }
}
