package io.beep.projections.admin.rebuild;

import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Makes the application's {@link MongoDatabase} follow {@link CollectionAliases}, so the live
 * handlers write into whichever copy is live, also after a rebuild switched copies.
 */
@Component
class MongoRouting implements BeanPostProcessor {

    private final ObjectProvider<CollectionAliases> aliases;

    MongoRouting(ObjectProvider<CollectionAliases> aliases) {
        this.aliases = aliases;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof MongoDatabase database && RoutedMongo.unwrap(database) == database) {
            return RoutedMongo.route(database, name -> aliases.getObject().resolve(name));
        }
        return bean;
    }
}
