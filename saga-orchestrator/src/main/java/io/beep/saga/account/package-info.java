/**
 * Account lifecycle sagas: ending everything a deleted account was part of.
 */
package io.beep.saga.account;
