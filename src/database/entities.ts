import { CartItem } from '../cart/cart-item.entity';
import { OrderItem } from '../orders/order-item.entity';
import { Order } from '../orders/order.entity';
import { PasswordResetToken } from '../password-reset/password-reset-token.entity';
import { Product } from '../products/product.entity';
import { ProductImage } from '../products/images/product-image.entity';
import { PendingImport } from '../products/import/pending-import.entity';
import { Rating } from '../reviews/rating.entity';
import { Role } from '../roles/role.entity';
import { UserRole } from '../roles/user-role.entity';
import { User } from '../users/user.entity';

/** Every entity, listed once: shared by the app and the MikroORM CLI. */
export const ENTITIES = [User, Role, UserRole, Product, CartItem, Order, OrderItem, PasswordResetToken, ProductImage, PendingImport, Rating];
