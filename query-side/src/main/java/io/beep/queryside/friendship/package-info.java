/** Reading my friends and my pending friend requests. */
package io.beep.queryside.friendship;
