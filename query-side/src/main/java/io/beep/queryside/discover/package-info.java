/** Discovering public servers by name and description, ranked by relevance. */
package io.beep.queryside.discover;
