/** The friendships processor: friend requests, friends, and DM and group channels with their recipients. */
package io.beep.projections.friendship;
