/** Reading my DM and group channels. */
package io.beep.queryside.privatechannel;
