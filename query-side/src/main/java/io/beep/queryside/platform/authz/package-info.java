/** Permission checks against Permify; any failure to get an answer refuses the read (fail closed). */
package io.beep.queryside.platform.authz;
