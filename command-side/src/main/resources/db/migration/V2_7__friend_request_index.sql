-- Which friendship (aggregate id: the two user ids, sorted) a friend request id belongs to.
-- Written in the transaction of the FriendRequestSentEvent, so it exists exactly when the request does.
CREATE TABLE IF NOT EXISTS friend_request_index (
    request_id    BIGINT       NOT NULL PRIMARY KEY,
    friendship_id VARCHAR(255) NOT NULL
);
