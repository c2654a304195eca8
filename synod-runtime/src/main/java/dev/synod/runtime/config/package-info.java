/** {@code synod.yaml}: model aliases, custom gates, engine, budget and sandbox, validated early. */
package dev.synod.runtime.config;
