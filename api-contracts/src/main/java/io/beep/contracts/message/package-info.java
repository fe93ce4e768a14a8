/** Messages posted in channels. */
package io.beep.contracts.message;
