package dev.synod.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.SynodException;
import dev.synod.runtime.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one reader of synod.yaml: typed values, unknown keys with a suggestion, places in every message. */
class SynodConfigTest {
    private static final Path FILE = Path.of("proj", "synod.yaml");

    private static void rejects(String yaml, String message) {
        assertThatThrownBy(() -> SynodConfig.parse(yaml, FILE)).isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage(message);
    }

    @Test
    void an_unknown_key_names_its_place_and_the_nearest_known_key() {
        rejects("modles:\n  default: { provider: openai, model: gpt-4.1-mini }\n",
                FILE + ":1:1: modles: unknown key; did you mean 'models'? (synod.yaml takes analyze, budget, engine, gates,"
                        + " limits, models, sandbox, seed)");
        rejects("models:\n  default: { provder: openai, model: gpt-4.1-mini }\n",
                FILE + ":2:14: models.default.provder: unknown key; did you mean 'provider'? (a model alias takes"
                        + " api-key-env, base-url, command, env, max-tokens, max-turns, model, price-per-million-input,"
                        + " price-per-million-output, prompt, provider, script, temperature, timeout)");
        rejects("models:\n  default: { model: gpt-4.1-mini }\n",
                FILE + ":2:3: models.default.provider: expected one of anthropic, cli, gemini, ollama, openai, scripted,"
                        + " found nothing");
        rejects("models:\n  default:\n    provider: openai\n    model: gpt-4.1-mini\n    max_tokens: 100\n",
                FILE + ":5:5: models.default.max_tokens: unknown key; did you mean 'max-tokens'? (a model alias of provider"
                        + " openai takes api-key-env, base-url, max-tokens, max-turns, model, price-per-million-input,"
                        + " price-per-million-output, provider, temperature, timeout)");
        rejects("sandbx: none\n", FILE + ":1:1: sandbx: unknown key; did you mean 'sandbox'? (synod.yaml takes analyze, budget,"
                + " engine, gates, limits, models, sandbox, seed)");
    }

    @Test
    void a_misspelt_provider_is_suggested_too() {
        rejects("models:\n  default: { provider: opnai, model: m }\n", FILE + ":2:14: models.default.provider: expected one of"
                + " anthropic, cli, gemini, ollama, openai, scripted (did you mean 'openai'?), found 'opnai'");
    }

    @Test
    void a_key_given_twice_is_refused_with_its_line() {
        assertThatThrownBy(() -> SynodConfig.parse("sandbox: none\nsandbox: bwrap\n", FILE))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage(FILE + ":2:1: sandbox: given twice in one mapping (first at line 1, column 1); keep one");
    }

    @Test
    void exists_takes_no_settings() {
        rejects("gates: { exists: { timeout: 5m } }\n", FILE + ":1:20: gates.exists.timeout: the built-in gate exists runs no"
                + " command and takes no settings; expected {}, found timeout");
    }

    @Test
    void durations_and_sizes_share_one_grammar_everywhere() {
        SynodConfig config = SynodConfig.parse("""
                models:
                  m: { provider: openai, model: x, timeout: 500ms }
                  c: { provider: cli, command: [agent], timeout: 2m }
                gates:
                  test: { timeout: 1h, memory: 4g }
                  typecheck: { sh: tsc, memory: 512MiB, timeout: 90s }
                limits: { file-size: 512k }
                """, FILE);

        assertThat(((ModelAlias.Model) config.model("m")).settings().timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(((ModelAlias.Cli) config.model("c")).settings().timeout()).contains(Duration.ofMinutes(2));
        assertThat(config.gate("test").timeout()).contains(Duration.ofHours(1));
        assertThat(config.gate("test").memory()).hasValue(4L << 30);
        assertThat(config.gate("typecheck").memory()).hasValue(512L << 20);
        assertThat(config.gate("typecheck").timeout()).contains(Duration.ofSeconds(90));
        assertThat(config.limits().fileSizeBytes()).isEqualTo(512L << 10);
        rejects("models: { c: { provider: cli, command: [agent], timeout: 500 } }\n", FILE + ":1:49: models.c.timeout:"
                + " expected a duration such as 500ms, 90s, 2m or 1h, found 500");
        rejects("limits: { file-size: lots }\n", FILE + ":1:11: limits.file-size: expected a size such as 512k, 100MiB or 4g,"
                + " found 'lots'");
    }

    @Test
    void limits_default_to_100_mib_and_the_engine_to_local() {
        SynodConfig config = SynodConfig.parse("sandbox: none\n", FILE);

        assertThat(config.limits().fileSizeBytes()).isEqualTo(100L << 20);
        assertThat(config.engine()).isEqualTo(new EngineChoice.Local());
        assertThat(config.sandbox()).isEqualTo(Sandbox.Mode.NONE);
        assertThat(SynodConfig.parse("engine: local\n", FILE).engine()).isEqualTo(new EngineChoice.Local());
    }

    @Test
    void a_seed_fixes_the_coins_of_every_run_and_is_a_whole_number() {
        assertThat(SynodConfig.parse("sandbox: none\n", FILE).seed()).isEmpty();
        assertThat(SynodConfig.parse("seed: 42\n", FILE).seed()).contains(42L);
        rejects("seed: -1\n", "proj/synod.yaml:1:1: seed: expected a whole number of at least 0, such as 7, found -1");
        rejects("seed: lucky\n", "proj/synod.yaml:1:1: seed: expected a whole number of at least 0, such as 7, found 'lucky'");
    }

    @Test
    void temporal_reads_target_namespace_and_remote_with_defaults() {
        assertThat(SynodConfig.parse("engine: { temporal: { target: \"temporal.internal:7233\", namespace: synod-ci,"
                + " remote: \"git@host:team.git\" } }\n", FILE).engine())
                .isEqualTo(new EngineChoice.Temporal("temporal.internal:7233", "synod-ci", Optional.of("git@host:team.git")));
        EngineChoice.Temporal defaults = new EngineChoice.Temporal("127.0.0.1:7233", "default", Optional.empty());
        assertThat(SynodConfig.parse("engine: temporal\n", FILE).engine()).isEqualTo(defaults);
        assertThat(SynodConfig.parse("engine: { temporal: {} }\n", FILE).engine()).isEqualTo(defaults);
        assertThat(SynodConfig.parse("engine:\n  temporal:\n", FILE).engine()).isEqualTo(defaults);
        assertThat(SynodConfig.parse("engine: { temporal: { namespace: team } }\n", FILE).engine())
                .isEqualTo(new EngineChoice.Temporal("127.0.0.1:7233", "team", Optional.empty()));
    }

    @Test
    void temporal_reads_tls_and_the_api_key_variable_and_an_api_key_implies_tls() {
        EngineChoice.Temporal mtls = (EngineChoice.Temporal) SynodConfig.parse("engine: { temporal: { target:"
                + " \"team.acct.tmprl.cloud:7233\", tls: { cert: certs/client.pem, key: certs/client.key, ca: ca.pem } } }\n",
                FILE).engine();
        assertThat(mtls.tls()).contains(new EngineChoice.Tls(Optional.of("certs/client.pem"),
                Optional.of("certs/client.key"), Optional.of("ca.pem")));
        assertThat(mtls.apiKeyVariable()).isEmpty();
        EngineChoice.Temporal keyed = (EngineChoice.Temporal) SynodConfig.parse(
                "engine: { temporal: { api-key-env: TEMPORAL_API_KEY } }\n", FILE).engine();
        assertThat(keyed.apiKeyVariable()).contains("TEMPORAL_API_KEY");
        assertThat(keyed.tls()).contains(EngineChoice.Tls.SERVER_ONLY);
        assertThat(((EngineChoice.Temporal) SynodConfig.parse("engine: { temporal: { tls: true } }\n", FILE).engine())
                .tls()).contains(EngineChoice.Tls.SERVER_ONLY);
        assertThat(((EngineChoice.Temporal) SynodConfig.parse("engine: { temporal: { tls: false } }\n", FILE).engine())
                .tls()).isEmpty();
        assertThat(EngineChoice.Temporal.defaults().tls()).isEmpty();
    }

    @Test
    void a_wrong_tls_or_api_key_says_what_was_expected_and_never_shows_a_key() {
        rejects("engine: { temporal: { tls: yes-please } }\n", FILE + ":1:23: engine.temporal.tls: expected true, false, or a"
                + " mapping such as { cert: client.pem, key: client.key, ca: ca.pem }, found 'yes-please'");
        rejects("engine: { temporal: { tls: { cert: c.pem } } }\n", FILE + ":1:23: engine.temporal.tls: has cert but no key;"
                + " expected both, the client certificate and its private key, or neither");
        rejects("engine: { temporal: { tls: { pem: c.pem } } }\n", FILE + ":1:30: engine.temporal.tls.pem: unknown key"
                + " (engine.temporal.tls takes ca, cert, key)");
        rejects("engine: { temporal: { tls: false, api-key-env: K } }\n", FILE + ":1:23: engine.temporal.tls: is false, and"
                + " api-key-env is set: an API key is sent only over TLS; expected tls: true, a mapping of cert, key and"
                + " ca, or no tls");
        assertThatThrownBy(() -> SynodConfig.parse("engine: { temporal: { api-key-env: \"tk-abc.def/123\" } }\n", FILE))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageContaining("engine.temporal.api-key-env: expected the name of an environment variable")
                .hasMessageNotContaining("tk-abc");
    }

    @Test
    void a_wrong_engine_names_its_place_and_what_was_expected() {
        rejects("engine: lokal\n", FILE + ":1:1: engine: expected one of local, temporal (did you mean 'local'?), found 'lokal'");
        rejects("engine: { temporl: {} }\n", FILE + ":1:11: engine.temporl: unknown key; did you mean 'temporal'? (engine"
                + " takes temporal)");
        rejects("engine:\n  temporal:\n    target: \"http://127.0.0.1:7233\"\n", FILE + ":3:5: engine.temporal.target:"
                + " expected a host and port such as \"127.0.0.1:7233\" (a port from 1 to 65535, no scheme), found"
                + " 'http://127.0.0.1:7233'");
        rejects("engine: { temporal: { target: \"localhost:99999\" } }\n", FILE + ":1:23: engine.temporal.target: expected a"
                + " host and port such as \"127.0.0.1:7233\" (a port from 1 to 65535, no scheme), found 'localhost:99999'");
        rejects("engine: { temporal: { target: 7233 } }\n", FILE + ":1:23: engine.temporal.target: expected a host and port"
                + " such as \"127.0.0.1:7233\", found 7233");
        rejects("engine: { temporal: { namespace: \"my space\" } }\n", FILE + ":1:23: engine.temporal.namespace: expected a"
                + " namespace name such as default (letters, digits, '-', '_', '.'), found 'my space'");
        rejects("engine: { temporal: { remote: \"\" } }\n", FILE + ":1:23: engine.temporal.remote: expected a git remote's"
                + " URL or path, such as \"git@host:team.git\" or \"/srv/git/team.git\", found ''");
        rejects("engine: { temporal: { taskqueue: x } }\n", FILE + ":1:23: engine.temporal.taskqueue: unknown key (engine.temporal"
                + " takes api-key-env, namespace, remote, target, tls)");
        rejects("engine: { temporal: on7233 }\n", FILE + ":1:11: engine.temporal: expected a mapping such as { target:"
                + " \"127.0.0.1:7233\", namespace: default, remote: \"git@host:team.git\" }, found 'on7233'");
    }

    @Test
    void compile_and_lint_settings_are_read_at_load_time() {
        SynodConfig config = SynodConfig.parse("gates: { compile: { release: 17, tests: false }, lint: { config: s.xml } }\n",
                FILE);

        assertThat(config.compile().release()).isEqualTo(17);
        assertThat(config.compile().tests()).isFalse();
        assertThat(config.lintConfig()).contains("s.xml");
        rejects("gates: { compile: { relase: 17 } }\n", FILE + ":1:21: gates.compile.relase: unknown key; did you mean"
                + " 'release'? (the built-in gate compile takes classpath, maven, release, tests)");
        rejects("gates: { compile: { tests: maybe } }\n", FILE + ":1:21: gates.compile.tests: expected true or false,"
                + " found 'maybe'");
    }
}
