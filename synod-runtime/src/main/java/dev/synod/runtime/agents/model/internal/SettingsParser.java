package dev.synod.runtime.agents.model.internal;

import dev.synod.core.SynodException;
import dev.synod.runtime.agents.model.ModelSettings;
import dev.synod.runtime.agents.model.Pricing;
import dev.synod.runtime.agents.model.Provider;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates a model alias's settings. Every error is one line naming the file, the key, what was
 * expected and what was found, except that the value of {@code api-key-env} is never echoed: a
 * user who pasted a key there by mistake must not see it in a log.
 */
public final class SettingsParser {
    /** The settings a model alias may have; {@code max-turns} is the tool loop's, read where the agent is built. */
    public static final Set<String> KEYS = Set.of("provider", "model", "base-url", "temperature", "max-tokens", "timeout",
            "api-key-env", "price-per-million-input", "price-per-million-output", "max-turns");

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Path file;
    private final String alias;
    private final Map<String, Object> settings;

    private SettingsParser(Path file, String alias, Map<String, Object> settings) {
        this.file = file;
        this.alias = alias;
        this.settings = settings;
    }

    /** The validated settings of {@code alias}; see {@link ModelSettings#parse}. */
    public static ModelSettings parse(Path file, String alias, Map<String, Object> settings) {
        return new SettingsParser(file, alias, settings).parse();
    }

    private ModelSettings parse() {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                String hint = KEYS.contains(key.replace('_', '-').toLowerCase(Locale.ROOT))
                        ? " (did you mean '" + key.replace('_', '-').toLowerCase(Locale.ROOT) + "'?)" : "";
                throw new SynodException.InvalidInput(file + ": unknown setting '" + where(key) + "'" + hint
                        + "; expected one of " + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        Object providerName = settings.get("provider");
        Provider provider = Provider.named(String.valueOf(providerName)).orElseThrow(() -> invalid("provider",
                "one of openai, anthropic, ollama, gemini", providerName));
        String model = text("model").orElseThrow(() -> invalid("model", "the provider's model name, such as "
                + example(provider), null));
        Optional<Double> temperature = number("temperature").map(t -> {
            if (t < 0 || t > 2) {
                throw invalid("temperature", "a number from 0 to 2", t);
            }
            return t;
        });
        Optional<Integer> maxTokens = wholeNumber("max-tokens");
        Duration timeout = duration("timeout").orElse(ModelSettings.DEFAULT_TIMEOUT);
        Optional<Pricing> pricing = pricing();
        return new ModelSettings(alias, provider, model, url("base-url"), temperature, maxTokens, timeout, keyVariable(),
                pricing);
    }

    private Optional<String> text(String key) {
        Object value = settings.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw invalid(key, "a non-empty string", value);
        }
        return Optional.of(s);
    }

    private Optional<Double> number(String key) {
        Object value = settings.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw invalid(key, "a number", value);
        }
        return Optional.of(n.doubleValue());
    }

    private Optional<Integer> wholeNumber(String key) {
        Object value = settings.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Integer n) || n < 1) {
            throw invalid(key, "a whole number of at least 1", value);
        }
        return Optional.of(n);
    }

    private Optional<Duration> duration(String key) {
        Object value = settings.get(key);
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = value instanceof String s ? DURATION.matcher(s.trim()) : null;
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw invalid(key, "a duration such as 90s, 2m or 500ms", value);
        }
        long amount = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        });
    }

    private Optional<URI> url(String key) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String expected = "an http or https URL such as http://127.0.0.1:11434";
        try {
            URI uri = new URI(text.get().trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw invalid(key, expected, text.get());
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw invalid(key, expected, text.get());
        }
    }

    private Optional<String> keyVariable() {
        Object value = settings.get("api-key-env");
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s) || !VARIABLE.matcher(s).matches()) {
            // The value is not shown: it may be the key itself.
            throw new SynodException.InvalidInput(file + ": '" + where("api-key-env") + "' must name an environment"
                    + " variable, such as MY_OPENAI_KEY (letters, digits and _), found something else (not shown, in case"
                    + " it is a key)");
        }
        return Optional.of(s);
    }

    private Optional<Pricing> pricing() {
        Optional<Double> in = number("price-per-million-input");
        Optional<Double> out = number("price-per-million-output");
        in.filter(p -> p < 0).ifPresent(p -> {
            throw invalid("price-per-million-input", "an amount of US dollars of at least 0", p);
        });
        out.filter(p -> p < 0).ifPresent(p -> {
            throw invalid("price-per-million-output", "an amount of US dollars of at least 0", p);
        });
        if (in.isPresent() != out.isPresent()) {
            String missing = in.isPresent() ? "price-per-million-output" : "price-per-million-input";
            String present = in.isPresent() ? "price-per-million-input" : "price-per-million-output";
            throw new SynodException.InvalidInput(file + ": '" + where(missing) + "' is missing; expected both prices when "
                    + present + " is given");
        }
        return in.map(i -> new Pricing(i, out.orElseThrow()));
    }

    private String where(String key) {
        return "models." + alias + "." + key;
    }

    private SynodException.InvalidInput invalid(String key, String expected, Object found) {
        return new SynodException.InvalidInput(file + ": '" + where(key) + "' must be " + expected + ", found "
                + describe(found));
    }

    private static String describe(Object value) {
        return switch (value) {
            case null -> "nothing";
            case String s -> "'" + s + "'";
            case List<?> l -> "a list";
            case Map<?, ?> m -> "a mapping";
            case Boolean b -> b.toString();
            default -> value.toString();
        };
    }

    private static String example(Provider provider) {
        return switch (provider) {
            case OPENAI -> "gpt-4.1-mini";
            case ANTHROPIC -> "claude-sonnet-4-5";
            case OLLAMA -> "qwen2.5-coder:7b";
            case GEMINI -> "gemini-2.5-flash";
        };
    }
}
