package io.drover.server.config;

/**
 * The value each setting has, wherever it came from; {@link ConfigLoader} resolves them and the
 * settings' groups read theirs by name, so no value is passed by its position among others.
 */
interface SettingValues {
  <T> T get(Setting<T> setting);
}
