package io.drover.workflow;

import java.util.UUID;

/** The answer to creating a run: its id, and false when a run with that id existed already. */
public record RunCreated(UUID id, boolean created) {}
