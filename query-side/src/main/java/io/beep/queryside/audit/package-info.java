/** Reading a server's audit log. */
package io.beep.queryside.audit;
