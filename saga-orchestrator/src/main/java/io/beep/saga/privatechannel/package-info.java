/** Keeps the relationships of group channels (owner, recipients, senders) in step with their events. */
package io.beep.saga.privatechannel;
