/**
 * The broker SPI: what a storage backend implements so the client and the worker runtime can run
 * on it. Users pick a broker ({@code RedisBroker}, {@code InMemoryBroker}) and otherwise stay in
 * {@code dev.ferry}.
 */
package dev.ferry.spi;
