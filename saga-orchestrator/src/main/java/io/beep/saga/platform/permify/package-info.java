/** A thin typed Permify client: schema and relationship writes. */
package io.beep.saga.platform.permify;
