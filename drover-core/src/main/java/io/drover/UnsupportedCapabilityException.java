package io.drover;

/** A store was asked for something it says it does not support. */
public class UnsupportedCapabilityException extends DroverException {
  public UnsupportedCapabilityException(String store, String capability) {
    super(store + " store does not support " + capability);
  }
}
