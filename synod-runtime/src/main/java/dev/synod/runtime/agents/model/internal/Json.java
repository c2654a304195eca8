package dev.synod.runtime.agents.model.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson mapper of this package's reading of providers' bodies. A mapper is costly to
 * build and safe to share once configured, so model calls do not each make their own.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
