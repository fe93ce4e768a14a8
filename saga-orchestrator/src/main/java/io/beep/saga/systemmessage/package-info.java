/** Posts system notices (member joined, conference created) in server channels as events happen. */
package io.beep.saga.systemmessage;
