package org.wgns.state;

/** STARTING is written before the first change and replaced by UP after the last. */
public enum Phase { STARTING, UP }
