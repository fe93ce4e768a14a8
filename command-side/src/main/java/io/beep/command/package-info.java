/**
 * Beep's command side. Feature packages ({@code server}, {@code channel}, {@code message}) hold the
 * aggregates and their REST entry points; {@code platform} holds the plumbing they share.
 */
package io.beep.command;
