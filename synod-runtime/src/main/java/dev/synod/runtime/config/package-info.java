/**
 * {@code synod.yaml}, read by one reader for every command: model aliases, gates (custom ones and
 * the settings of built-in ones), engine, budget, sandbox and limits, all validated when the file
 * is loaded ({@link dev.synod.runtime.config.SynodConfig}); durations and sizes in one grammar
 * ({@link dev.synod.runtime.config.Units}).
 */
package dev.synod.runtime.config;
